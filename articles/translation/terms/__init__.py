"""The medical termbase at work: finding terms in segments in every content
language (`matching`), the snapshot of the termbase a check run uses (`snapshot`),
the `terms` quality check (`check`), and TBX/CSV exchange (`exchange`)."""

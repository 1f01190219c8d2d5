"""The translation memory at work: what medical review approved is remembered
(`capture`), and a new translation starts from it (`prefill`)."""

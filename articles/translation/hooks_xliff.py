"""Admin wiring for this part of the translation workflow."""

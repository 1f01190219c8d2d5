"""Where each article stands in each language: the rules of a cell (`cells`) and
the matrix's queries (`report`)."""

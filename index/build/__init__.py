"""Building the index: scanning the corpus folder, the schema, the writer and the saved arrays."""

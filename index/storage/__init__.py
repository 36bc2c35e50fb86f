"""The index on disk: generations, the live pointer, the writer lock, the index version, and
readers of Whoosh postings and of the saved arrays beside each segment."""

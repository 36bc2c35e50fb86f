"""The reader's screens: main, help, indexing progress and messages."""

"""The reader's widgets: each knows how to show one thing, none of them talks to the engine."""

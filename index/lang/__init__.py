"""Vietnamese language: NFC, tone placement, accent folding, and the Whoosh analyzers."""

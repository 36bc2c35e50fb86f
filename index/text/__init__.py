"""Text in: decoding a file's bytes (any sane encoding, to NFC) and the article format's blocks."""

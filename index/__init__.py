"""phuong-reader engine: corpus reading, Vietnamese analysis, Whoosh index and search API."""

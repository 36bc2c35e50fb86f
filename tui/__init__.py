"""phuong-reader front ends: the command line and the Textual reader."""

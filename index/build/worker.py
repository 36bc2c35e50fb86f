"""An indexing worker process: ``python -m phuong_reader.index.build.worker`` (see ``parallel``).

A module of its own so that the worker's classes pickle under their import path, not
``__main__``.
"""

from phuong_reader.index.build.parallel import serve

if __name__ == "__main__":
    serve()

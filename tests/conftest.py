"""Session set-up: the cache of read documents goes to a temporary directory, never the user's."""
import os
import tempfile

os.environ["YOYDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="yoydiff-test-cache-")

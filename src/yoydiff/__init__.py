"""yoydiff: compare two years of a Chinese department budget disclosure and check every stated figure."""

__version__ = "0.1.0"

"""Kept for the import in `consolidate/__init__.py`: copy detection lives in `newsfuse.copies`."""

from newsfuse.copies import find_copies as find_copies

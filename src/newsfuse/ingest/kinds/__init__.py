"""One module per input kind, each with KIND, SUFFIXES, STREAMS, `sniff` and `read` (see `ingest.readers`)."""

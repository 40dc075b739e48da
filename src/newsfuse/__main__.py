"""`python -m newsfuse …` runs the command line, as the `newsfuse` script does."""

from newsfuse.cli import main

if __name__ == "__main__":
    main()

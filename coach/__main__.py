"""`python -m coach` is the same as the `coach` command."""

from coach.cli import main

if __name__ == "__main__":
    main()

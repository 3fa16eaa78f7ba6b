"""`marsad` and `python -m marsad`: the command line, with bad settings reported in one line."""
from __future__ import annotations

import sys


def main() -> None:
    try:
        from marsad.cli import main as run
    except ValueError as error:  # a MARSAD_* environment variable that is not a size
        sys.stderr.write(f"marsad: error: {error}\n")
        raise SystemExit(2) from None
    run()


if __name__ == "__main__":
    main()

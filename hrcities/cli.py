"""The `hrcities` console script: every management command, e.g. `hrcities migrate`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # One BLAS thread for the sentence encoder, set before numpy loads OpenBLAS (which
    # reads it when OPENBLAS_NUM_THREADS is unset). On cores shared with the web server,
    # the database and other commands, a pool of two spins: make bench-classify on two
    # busy cores measured 306, 306, 215 and 145 texts/s with one thread against 150, 70,
    # 47 and 44 with two. Set OMP_NUM_THREADS to choose otherwise.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hrcities", *sys.argv[1:]])


if __name__ == "__main__":
    main()

#!/usr/bin/env python
from hrcities.cli import main

if __name__ == "__main__":
    main()

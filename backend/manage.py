#!/usr/bin/env python
from homeclaim.cli import main

if __name__ == "__main__":
    main()

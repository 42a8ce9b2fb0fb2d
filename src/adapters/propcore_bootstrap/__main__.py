import sys

from propcore_bootstrap.cli import main

sys.exit(main())

import sys

from widgets.cli import main

sys.exit(main())

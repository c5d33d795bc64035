import sys

from tools.search.index import main

sys.exit(main())

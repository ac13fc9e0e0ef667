from partials.cli import main

raise SystemExit(main())

from conductor.server.cli import main

raise SystemExit(main())

"""What measures the site and is no part of its build: the browser the tests and the bench
drive, the servers they use, axe-core, screenshots and `make bench`. Nothing in scripts/
imports this package, so changing a tool rebuilds nothing."""

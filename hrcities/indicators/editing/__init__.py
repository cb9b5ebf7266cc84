"""Pages that keep how a city groups and breaks down its indicators, and delete one."""

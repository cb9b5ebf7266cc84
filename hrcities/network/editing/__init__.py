"""Pages that change the registry: networks, organisations, memberships, focal points and
partnerships. Each asks the services, which check who may do it."""

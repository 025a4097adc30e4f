"""Policy packages (.policypack): imported documents with their rules and local guidance,
carried between offices on a USB stick (#15)."""

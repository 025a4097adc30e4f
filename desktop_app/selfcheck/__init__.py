"""Self-checks, kept out of the production code: `policy-desk --smoke` (steps.py, sample.py)
and the start-up stamp of the benchmark (POLICY_DESK_STARTUP_MARK=1). Both listen to the
start-up's signals (window_ready, start_failed); start-up itself only knows it is not
interactive."""

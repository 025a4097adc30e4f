"""变化提醒: what a change of the policy data means for the enterprises already saved."""

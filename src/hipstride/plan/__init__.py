"""Plan generation around the running week, and the rules that progress or back off."""

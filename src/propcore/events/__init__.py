"""Community events (社区活动): who is invited, who signed up, reminders."""

"""Access: who may sign in, and (later) what each may do."""

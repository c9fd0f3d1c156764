"""Handhaving: enforcement per the LHSO — violations, measures, workflow, dwangsom ledger, criminal-law route."""

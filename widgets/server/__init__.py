"""What the Voilà server process loads (not the learner's kernel): its kernel manager."""

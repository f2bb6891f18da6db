"""The ketamine course package: course data, grading, quiz and page widgets."""

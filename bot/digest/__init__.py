"""The weekly digest: a team's week as the Markdown its members already keep."""

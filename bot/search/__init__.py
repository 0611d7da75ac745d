"""Search: the analyser that turns text into terms (`bot.search.analyser`), and how similar two
questions are (`bot.search.similar`). The index and the ranking live in storage."""

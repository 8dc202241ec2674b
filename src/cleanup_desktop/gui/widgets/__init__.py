"""Small reusable widgets: number cards, safety badges, a QPainter bar chart."""

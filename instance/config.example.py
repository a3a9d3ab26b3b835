# Copy to instance/config.py. Environment variables (TRACKER_*) override these.
# Keys are the variable names without the TRACKER_ prefix.

# DATABASE_URL = "postgresql+psycopg://tracker:secret@127.0.0.1/tracker"
# SECRET_KEY = "a long random string"      # default: generated into instance/secret_key
TIMEZONE = "Europe/Brussels"
# BASE_URL = "https://tracker.example.org"  # the public address (production); unset in
#   development, links name the address the app is served at
# SMTP_HOST = "smtp.example.org"
# SMTP_PORT = 587
# SMTP_STARTTLS = True
# MAIL_FROM = "Accord Tracker <tracker@example.org>"

"""Flask extensions, created unbound and attached in create_app() (the database handle is
in ``tracker.orm``)."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf.csrf import CSRFProtect

migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
#: storage from RATELIMIT_STORAGE_URI (TRACKER_RATELIMIT_STORAGE_URI); the default memory
#: storage counts per process, so several workers need a shared one (e.g. redis://)
limiter = Limiter(key_func=get_remote_address)

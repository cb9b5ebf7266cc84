"""The production web server's settings: `gunicorn --config gunicorn.conf.py`.

Two worker processes of four threads each suit the two-core machine the platform is
sized for (benchmarks/web.py measures it); WEB_CONCURRENCY and WEB_THREADS change that.
Static files come from WhiteNoise inside the application, so a proxy in front only has to
pass requests on (and set X-Forwarded-Proto).
"""

import os

# Each worker's BLAS pool gets one thread: the sentence encoder shares the cores with the
# other worker and the database (see hrcities/cli.py).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
# A report PDF or a large export can take several seconds; nothing should take a minute.
timeout = 60
graceful_timeout = 30
keepalive = 5
accesslog = "-"
errorlog = "-"

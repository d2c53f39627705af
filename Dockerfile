# Production image: Newsroom under gunicorn, static files collected and served by whitenoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=newsroom.settings.production

WORKDIR /app
# pg_dump/pg_restore for `manage.py backup` and `restore` (bookworm ships 15, like the server).
RUN apt-get update \
 && apt-get install --yes --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system newsroom && useradd --system --gid newsroom --home /app newsroom

COPY pyproject.toml README.md ./
COPY newsroom ./newsroom
COPY articles ./articles
COPY importers ./importers
COPY public ./public
COPY distribution ./distribution
COPY api ./api
RUN pip install ".[s3]"

COPY manage.py gunicorn.conf.py ./
COPY templates ./templates
COPY static ./static
COPY locale ./locale
# collectstatic needs a key to import settings; this one is never used to sign anything.
RUN SECRET_KEY=collectstatic-only-$(python -c "import secrets; print(secrets.token_hex(32))") \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/media /app/backups /app/search-index \
 && chown newsroom:newsroom /app/media /app/backups /app/search-index

USER newsroom
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["gunicorn", "--config", "gunicorn.conf.py", "newsroom.wsgi:application"]

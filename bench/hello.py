"""The yardstick: a bare sync FastAPI hello, served by bench/run.py the same way as the app."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
def hello() -> dict[str, str]:
    return {"hello": "world"}

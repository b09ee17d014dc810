-- GET $BENCH_PATH as a signed-in browser: the cookies that the sign-in form set.
wrk.path = os.getenv("BENCH_PATH")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
wrk.headers["Accept"] = "text/html"

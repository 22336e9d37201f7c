from ninja import Router

router = Router(tags=["meetings"])

task_router = Router(tags=["tasks"])

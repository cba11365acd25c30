// Run by notification-leases.int.test.ts as a separate worker process that the test kills with
// SIGKILL partway through a post's member emails: the arguments are the post and the job's clock.
import { closeDb, getDb } from "@/db/client";
import { deliverPostNotifications } from "./notifications";

const [postId, now] = process.argv.slice(2);

deliverPostNotifications(getDb(), postId!, new Date(now!))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());

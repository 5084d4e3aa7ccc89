import { headers } from "next/headers";

export default async function Page() {
  const email = (await headers()).get("x-user-email");
  return <p id="user">{email ?? "anonymous"}</p>;
}

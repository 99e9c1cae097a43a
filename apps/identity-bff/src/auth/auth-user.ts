/** Who is calling: the upstream user id, taken from the verified JWT and from nowhere else. */
export interface AuthUser {
  userId: string;
}

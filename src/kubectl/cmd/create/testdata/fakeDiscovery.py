import json, http.server, sys
def res(name, kind, ns=True, verbs=None, short=None):
    return {"name": name, "singularName": kind.lower(), "namespaced": ns, "kind": kind, "verbs": verbs or ["create","delete","get","list","patch","update","watch"], **({"shortNames": short} if short else {})}
D = {
 "/api": {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]},
 "/apis": {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":g,"versions":[{"groupVersion":g+"/"+v,"version":v}],"preferredVersion":{"groupVersion":g+"/"+v,"version":v}} for g,v in [("apps","v1"),("batch","v1"),("rbac.authorization.k8s.io","v1"),("autoscaling","v2"),("networking.k8s.io","v1"),("policy","v1"),("scheduling.k8s.io","v1")]]},
 "/api/v1": {"kind":"APIResourceList","groupVersion":"v1","resources":[res("pods","Pod",short=["po"]),res("services","Service",short=["svc"]),res("nodes","Node",False,short=["no"]),res("configmaps","ConfigMap",short=["cm"]),res("secrets","Secret"),res("namespaces","Namespace",False,short=["ns"]),res("serviceaccounts","ServiceAccount",short=["sa"]),res("replicationcontrollers","ReplicationController",short=["rc"])]},
 "/apis/apps/v1": {"kind":"APIResourceList","groupVersion":"apps/v1","resources":[res("deployments","Deployment",short=["deploy"]),{"name":"deployments/scale","singularName":"","namespaced":True,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]},res("replicasets","ReplicaSet",short=["rs"]),res("statefulsets","StatefulSet",short=["sts"]),res("daemonsets","DaemonSet",short=["ds"])]},
 "/apis/batch/v1": {"kind":"APIResourceList","groupVersion":"batch/v1","resources":[res("jobs","Job"),res("cronjobs","CronJob",short=["cj"])]},
 "/apis/rbac.authorization.k8s.io/v1": {"kind":"APIResourceList","groupVersion":"rbac.authorization.k8s.io/v1","resources":[res("roles","Role"),res("clusterroles","ClusterRole",False),res("rolebindings","RoleBinding"),res("clusterrolebindings","ClusterRoleBinding",False)]},
 "/apis/autoscaling/v2": {"kind":"APIResourceList","groupVersion":"autoscaling/v2","resources":[res("horizontalpodautoscalers","HorizontalPodAutoscaler",short=["hpa"])]},
 "/apis/networking.k8s.io/v1": {"kind":"APIResourceList","groupVersion":"networking.k8s.io/v1","resources":[res("ingresses","Ingress",short=["ing"])]},
 "/apis/policy/v1": {"kind":"APIResourceList","groupVersion":"policy/v1","resources":[res("poddisruptionbudgets","PodDisruptionBudget",short=["pdb"])]},
 "/apis/scheduling.k8s.io/v1": {"kind":"APIResourceList","groupVersion":"scheduling.k8s.io/v1","resources":[res("priorityclasses","PriorityClass",False,short=["pc"])]},
}
OBJS = {}
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        p = self.path.split("?")[0]
        body = D.get(p) or OBJS.get(p)
        if body is None:
            self.send_response(404); self.send_header("Content-Type","application/json"); self.end_headers()
            self.wfile.write(json.dumps({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"not found "+p}).encode()); return
        self.send_response(200); self.send_header("Content-Type","application/json"); self.end_headers(); self.wfile.write(json.dumps(body).encode())
    def log_message(self,*a): pass
OBJS["/apis/apps/v1/namespaces/default/deployments/web"] = {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}
OBJS["/api/v1/namespaces/default/pods/nginx"] = {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","namespace":"default","labels":{"run":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}
import json as _j
L={"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"1"},"items":[]}
OBJS["/api/v1/namespaces/default/pods"]=L
import os
V3="/work/shared/k8s-openapi/v3"
idx={"paths":{}}
for f in os.listdir(V3):
    if f.endswith("_openapi.json"):
        p=f[:-len("_openapi.json")].replace("__","/")
        idx["paths"][p]={"serverRelativeURL":"/openapi/v3/"+p+"?hash=X"}
        D["/openapi/v3/"+p]=_j.load(open(os.path.join(V3,f)))
D["/openapi/v3"]=idx
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
